namespace RiskStreams.Risk.Tests;

/// <summary>Loading and validating policy YAML: every error at once, each with its line, column and field.</summary>
public sealed class RiskPolicyLoaderTests
{
    // Lines are numbered in the comments: tests below edit single lines and expect exact positions.
    private static readonly string[] Valid =
    [
        "version: test-1",                                                              // 1
        "levels:",                                                                      // 2
        "  watch: 30",                                                                  // 3
        "  restricted: 60",                                                             // 4
        "  suspended: 85",                                                              // 5
        "cooldowns:",                                                                   // 6
        "  watch: 2h",                                                                  // 7
        "  restricted: 12h",                                                            // 8
        "  suspended: 48h",                                                             // 9
        "syncGrace: 24h",                                                               // 10
        "rules:",                                                                       // 11
        "  LOGIN_FAILURES:",                                                            // 12
        "    enabled: true",                                                            // 13
        "    weight: 30",                                                               // 14
        "    window: 10m",                                                              // 15
        "    threshold: 5",                                                             // 16
        "  NEW_DEVICE: {enabled: true, weight: 15, mfaExempts: true, signalWindow: 1h, maxKnownDevices: 8}", // 17
        "  IMPOSSIBLE_TRAVEL: {enabled: true, weight: 25, maxKmh: 900, minKm: 500, signalWindow: 1h}",       // 18
        "  SPEND_SPIKE:",                                                               // 19
        "    enabled: true",                                                            // 20
        "    weight: 35",                                                               // 21
        "    window: 1h",                                                               // 22
        "    multiple: 8",                                                              // 23
        "    floorMinor: 100_000",                                                      // 24
        "    baselineWindow: 30d",                                                      // 25
        "    baselineMinCount: 5",                                                      // 26
        "  TXN_VELOCITY: {enabled: true, weight: 30, window: 10m, count: 15}",          // 27
        "  SMALL_TXN_PROBING: {enabled: true, weight: 60, window: 10m, maxAmountMinor: 200, distinctMerchants: 5}", // 28
        "  HIGH_DECLINE_RATE: {enabled: false, weight: 25, window: 1h, minTransactions: 6, ratio: 0.5}",         // 29
        "  CASH_ADVANCE_SURGE: {enabled: true, weight: 30, window: 24h, share: 0.6, minAmountMinor: 200000}",    // 30
        "  HIGH_UTILIZATION: {enabled: true, weight: 15, ratio: 0.9}",                  // 31
        "  REPAYMENT_OVERDUE:",                                                         // 32
        "    enabled: true",                                                            // 33
        "    bands: {1: 30, 30: 60, 90: 90}",                                           // 34
        "    billsForSuspension: 3",                                                    // 35
    ];

    [Fact]
    public void A_valid_policy_loads_with_every_value()
    {
        var p = RiskPolicyLoader.Load(Yaml(), "test.yaml");
        Assert.Equal("test-1", p.Version);
        Assert.Equal("test.yaml", p.Source);
        Assert.Equal(new LevelThresholds(30, 60, 85), p.Levels);
        Assert.Equal(new LevelCooldowns(TimeSpan.FromHours(2), TimeSpan.FromHours(12), TimeSpan.FromHours(48)), p.Cooldowns);
        Assert.Equal(TimeSpan.FromHours(24), p.SyncGrace);
        Assert.Equal(new Rules.SpendSpikeRule(true, 35, TimeSpan.FromHours(1), 8, 100_000, TimeSpan.FromDays(30), 5), p.Rules.SpendSpike);
        Assert.False(p.Rules.HighDeclineRate.Enabled);
        Assert.Equal(9, p.Rules.EnabledCount);
        Assert.Equal([new(1, 30), new(30, 60), new(90, 90)], p.Rules.RepaymentOverdue.Bands);
        Assert.Equal(RiskLevel.Restricted, p.LevelFor(60));
    }

    [Fact]
    public void Unknown_rule_is_reported_at_its_key()
    {
        var error = Assert.Single(Single(Yaml((31, "  HIGH_UTILISATION: {enabled: true, weight: 15, ratio: 0.9}"))));
        Assert.Equal(31, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Equal("rules.HIGH_UTILISATION", error.Field);
        Assert.StartsWith("unknown key; expected a rule keyed by reason code, one of: LOGIN_FAILURES, NEW_DEVICE,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_code_that_is_not_a_scored_rule_is_rejected()
    {
        var errors = Errors(Yaml() + "\n  RISK_CLEARED: {enabled: true}\n");
        Assert.Equal([new PolicyError(36, 3, "rules.RISK_CLEARED", "is not a scored rule: the level logic gives this reason by itself (see syncGrace and cooldowns)")], errors);
    }

    [Fact]
    public void Unknown_key_in_a_rule_names_the_expected_ones()
    {
        var errors = Errors(Yaml((23, "    multipel: 8")));
        Assert.Equal(
        [
            new PolicyError(19, 3, "rules.SPEND_SPIKE.multiple", "is required"),
            new PolicyError(23, 5, "rules.SPEND_SPIKE.multipel", "unknown key; expected one of: enabled, weight, window, multiple, floorMinor, baselineWindow, baselineMinCount"),
        ], errors);
    }

    [Fact]
    public void Unknown_top_level_key_is_reported()
    {
        var errors = Errors(Yaml() + "\nsyncgrace: 1h\n");
        Assert.Equal([new PolicyError(36, 1, "syncgrace", "unknown key; expected version, levels, cooldowns, syncGrace, limits, locale, messages, reviews or rules")], errors);
    }

    [Fact]
    public void Level_thresholds_must_strictly_increase()
    {
        Assert.Equal([new PolicyError(4, 15, "levels.restricted", "must be greater than levels.watch (30), was 30")], Errors(Yaml((4, "  restricted: 30"))));
        Assert.Equal([new PolicyError(5, 14, "levels.suspended", "must be greater than levels.restricted (60), was 50")], Errors(Yaml((5, "  suspended: 50"))));
        Assert.Equal([new PolicyError(5, 14, "levels.suspended", "must be a whole number from 1 to 100, was \"101\"")], Errors(Yaml((5, "  suspended: 101"))));
    }

    [Fact]
    public void Negative_weight_is_reported_in_block_and_flow_style()
    {
        var errors = Errors(Yaml((14, "    weight: -5"), (27, "  TXN_VELOCITY: {enabled: true, weight: -1, window: 10m, count: 15}")));
        Assert.Equal(
        [
            new PolicyError(14, 13, "rules.LOGIN_FAILURES.weight", "must be a whole number from 0 to 100, was \"-5\""),
            new PolicyError(27, 41, "rules.TXN_VELOCITY.weight", "must be a whole number from 0 to 100, was \"-1\""),
        ], errors);
    }

    [Fact]
    public void Bad_duration_is_reported_with_the_expected_form()
    {
        var errors = Errors(Yaml((15, "    window: 10 minutes")));
        Assert.Equal(
            [new PolicyError(15, 13, "rules.LOGIN_FAILURES.window", "must be a duration such as 90s, 10m, 1h or 30d (a whole number and one of s, m, h, d), was \"10 minutes\"")],
            errors);
    }

    [Fact]
    public void Rule_windows_are_bounded_by_what_the_state_keeps()
    {
        Assert.Equal([new PolicyError(22, 13, "rules.SPEND_SPIKE.window", "must be from 1m to 24h, was 2d")], Errors(Yaml((22, "    window: 2d"))));
        Assert.Equal([new PolicyError(25, 21, "rules.SPEND_SPIKE.baselineWindow", "must be whole days (the baseline keeps daily totals), was 36h")],
            Errors(Yaml((25, "    baselineWindow: 36h"))));
    }

    [Fact]
    public void Missing_version_is_reported_at_the_top()
    {
        Assert.Equal([new PolicyError(1, 1, "version", "is required")], Errors(Yaml((1, "# no version"))));
        Assert.Equal([new PolicyError(1, 10, "version", "must be 1 to 64 letters, digits, '.', '_' or '-', was \"my policy\"")], Errors(Yaml((1, "version: my policy"))));
    }

    [Fact]
    public void Several_errors_are_reported_at_once_in_file_order()
    {
        var errors = Errors(Yaml(
            (1, "# no version"),
            (4, "  restricted: 20"),
            (8, "  restricted: soon"),
            (13, "    enabled: yes"),
            (29, "  HIGH_DECLINE_RATE: {enabled: true, weight: 25, window: 1h, minTransactions: 6, ratio: 1.5}"),
            (34, "    bands: {1: 30, 90: 60, 30: 90}")));
        Assert.Equal(
        [
            "1:1: version: is required",
            "4:15: levels.restricted: must be greater than levels.watch (30), was 20",
            "8:15: cooldowns.restricted: must be a duration such as 90s, 10m, 1h or 30d (a whole number and one of s, m, h, d), was \"soon\"",
            "13:14: rules.LOGIN_FAILURES.enabled: must be true or false, was \"yes\"",
            "29:89: rules.HIGH_DECLINE_RATE.ratio: must be a number greater than 0 and at most 1, was \"1.5\"",
            "34:28: rules.REPAYMENT_OVERDUE.bands.30: band days must be strictly increasing; 30 follows 90",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Exception_message_and_format_are_compiler_style()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(Yaml((14, "    weight: -5")), "p.yaml"));
        Assert.Equal("p.yaml", ex.SourceName);
        Assert.Equal("p.yaml:14:13: rules.LOGIN_FAILURES.weight: must be a whole number from 0 to 100, was \"-5\"", ex.Errors[0].Format("p.yaml"));
        Assert.Contains("Policy p.yaml is not valid (1 error):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_empty_files_and_wrong_shapes_are_reported_with_positions()
    {
        var syntax = Assert.Single(Errors("version: x\nlevels: [1,\n"));
        Assert.Equal(("(syntax)", 3), (syntax.Field, syntax.Line));
        Assert.Equal([new PolicyError(1, 1, "(document)", "the policy is empty")], Errors("# nothing\n"));
        Assert.Equal([new PolicyError(1, 1, "", "must be a mapping of keys to values, found a list")], Errors("- a\n- b\n"));
        Assert.Equal(new PolicyError(2, 9, "levels", "must be a mapping of keys to values, found a single value"), Errors(Yaml((2, "levels: 3"), (3, "#"), (4, "#"), (5, "#")))[0]);
        Assert.Equal(new PolicyError(2, 1, "(syntax)", "Duplicate key version"), Assert.Single(Errors("version: a\nversion: b\n")));
    }

    [Fact]
    public void Loading_a_file_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Yaml((3, "  watch: 0")));
        try
        {
            var ex = Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.LoadFile(path));
            Assert.Equal(path, ex.SourceName);
            Assert.Equal(new PolicyError(3, 10, "levels.watch", "must be a whole number from 1 to 100, was \"0\""), Assert.Single(ex.Errors));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Yaml(params (int Line, string Text)[] edits)
    {
        var lines = Valid.ToArray();
        foreach (var (line, text) in edits)
        {
            lines[line - 1] = text;
        }

        return string.Join("\n", lines);
    }

    private static IReadOnlyList<PolicyError> Errors(string yaml) =>
        Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(yaml, "test.yaml")).Errors;

    private static IReadOnlyList<PolicyError> Single(string yaml) => Errors(yaml);
}
