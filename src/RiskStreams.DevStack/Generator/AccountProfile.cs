namespace RiskStreams.DevStack.Internal;

/// <summary>A generated account's stable habits.</summary>
internal sealed class AccountProfile(string accountId, Places.Place home, long averageSpendMinor, string device)
{
    public string AccountId { get; } = accountId;

    public Places.Place Home { get; } = home;

    public long AverageSpendMinor { get; } = averageSpendMinor;

    public string Device { get; } = device;

    public int BillSequence { get; set; }
}
