using Avro;

namespace RiskStreams.Avro.Tests;

public sealed class SchemaCompatibilityTests
{
    private static Schema Record(string fields, string name = "R") =>
        Schema.Parse($$"""{"type":"record","name":"{{name}}","namespace":"t","fields":[{{fields}}]}""");

    private static SchemaCompatibilityResult Check(string readerFields, string writerFields) =>
        SchemaCompatibility.Check(Record(readerFields), Record(writerFields));

    [Theory]
    [InlineData("int", "long")]
    [InlineData("int", "float")]
    [InlineData("int", "double")]
    [InlineData("long", "float")]
    [InlineData("long", "double")]
    [InlineData("float", "double")]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    public void Writer_type_is_promoted_to_the_reader_type(string writer, string reader) =>
        Assert.True(Check($$"""{"name":"f","type":"{{reader}}"}""", $$"""{"name":"f","type":"{{writer}}"}""").IsCompatible);

    [Theory]
    [InlineData("long", "int")]
    [InlineData("double", "float")]
    [InlineData("string", "int")]
    [InlineData("boolean", "string")]
    public void Narrowing_or_unrelated_types_mismatch(string writer, string reader)
    {
        var result = Check($$"""{"name":"f","type":"{{reader}}"}""", $$"""{"name":"f","type":"{{writer}}"}""");
        var issue = Assert.Single(result.Incompatibilities);
        Assert.Equal(SchemaIncompatibilityKind.TypeMismatch, issue.Kind);
        Assert.Equal("t.R.f", issue.Path);
    }

    [Fact]
    public void Reader_field_missing_in_writer_needs_a_default()
    {
        Assert.True(Check("""{"name":"a","type":"string"},{"name":"b","type":"int","default":0}""", """{"name":"a","type":"string"}""").IsCompatible);

        var issue = Assert.Single(Check("""{"name":"a","type":"string"},{"name":"b","type":"int"}""", """{"name":"a","type":"string"}""").Incompatibilities);
        Assert.Equal((SchemaIncompatibilityKind.MissingDefault, "t.R.b"), (issue.Kind, issue.Path));
    }

    [Fact]
    public void Writer_field_unknown_to_the_reader_is_skipped() =>
        Assert.True(Check("""{"name":"a","type":"string"}""", """{"name":"a","type":"string"},{"name":"extra","type":{"type":"array","items":"long"}}""").IsCompatible);

    [Fact]
    public void Reader_field_alias_matches_a_renamed_writer_field() =>
        Assert.True(Check("""{"name":"b","type":"string","aliases":["a"]}""", """{"name":"a","type":"string"}""").IsCompatible);

    [Fact]
    public void Writer_enum_symbols_must_exist_in_the_reader_unless_it_has_a_default()
    {
        const string Writer = """{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}}""";

        var issue = Assert.Single(Check("""{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}}""", Writer).Incompatibilities);
        Assert.Equal(SchemaIncompatibilityKind.MissingEnumSymbols, issue.Kind);
        Assert.Contains("C", issue.Message, StringComparison.Ordinal);
        Assert.True(Check("""{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}}""", Writer).IsCompatible);
        Assert.True(Check("""{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C","D"]}}""", Writer).IsCompatible);
    }

    [Fact]
    public void Unions_need_a_reader_branch_for_every_writer_branch()
    {
        Assert.True(Check("""{"name":"u","type":["null","string"]}""", """{"name":"u","type":"string"}""").IsCompatible);
        Assert.True(Check("""{"name":"u","type":["null","long","string"]}""", """{"name":"u","type":["null","int"]}""").IsCompatible);
        Assert.True(Check("""{"name":"u","type":"long"}""", """{"name":"u","type":["int","long"]}""").IsCompatible);

        var issue = Assert.Single(Check("""{"name":"u","type":["null","string"]}""", """{"name":"u","type":["null","string","double"]}""").Incompatibilities);
        Assert.Equal(SchemaIncompatibilityKind.MissingUnionBranch, issue.Kind);
        Assert.Equal(SchemaIncompatibilityKind.TypeMismatch,
            Assert.Single(Check("""{"name":"u","type":"string"}""", """{"name":"u","type":["null","string"]}""").Incompatibilities).Kind);
    }

    [Fact]
    public void Nested_records_arrays_and_maps_are_checked_deeply()
    {
        const string Reader = """{"name":"xs","type":{"type":"array","items":{"type":"record","name":"X","fields":[{"name":"m","type":{"type":"map","values":"long"}},{"name":"n","type":"int"}]}}}""";
        const string Writer = """{"name":"xs","type":{"type":"array","items":{"type":"record","name":"X","fields":[{"name":"m","type":{"type":"map","values":"string"}}]}}}""";

        var issues = Check(Reader, Writer).Incompatibilities;

        Assert.Equal(
            [(SchemaIncompatibilityKind.TypeMismatch, "t.R.xs[].m{}"), (SchemaIncompatibilityKind.MissingDefault, "t.R.xs[].n")],
            issues.Select(i => (i.Kind, i.Path)));
    }

    [Fact]
    public void Records_with_different_names_mismatch() =>
        Assert.Equal(SchemaIncompatibilityKind.NameMismatch,
            Assert.Single(SchemaCompatibility.Check(Record("""{"name":"a","type":"string"}""", "A"), Record("""{"name":"a","type":"string"}""", "B")).Incompatibilities).Kind);

    [Fact]
    public void Fixed_sizes_must_match() =>
        Assert.Equal(SchemaIncompatibilityKind.FixedSizeMismatch,
            Assert.Single(Check("""{"name":"f","type":{"type":"fixed","name":"F","size":16}}""", """{"name":"f","type":{"type":"fixed","name":"F","size":8}}""").Incompatibilities).Kind);

    [Fact]
    public void Logical_types_compare_by_their_underlying_type() =>
        Assert.True(Check("""{"name":"t","type":{"type":"long","logicalType":"timestamp-millis"}}""", """{"name":"t","type":"long"}""").IsCompatible);

    [Fact]
    public void Recursive_records_terminate()
    {
        var schema = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");
        Assert.True(SchemaCompatibility.CanRead(schema, schema));
    }

    [Fact]
    public void Every_current_contract_reads_itself()
    {
        foreach (var schema in new[]
                 {
                     Contracts.Transaction._SCHEMA, Contracts.Login._SCHEMA, Contracts.RepaymentSync._SCHEMA,
                     Contracts.SyncStatus._SCHEMA, Contracts.RiskLevelChanged._SCHEMA,
                 })
        {
            Assert.True(SchemaCompatibility.CanRead(schema, schema), schema.Fullname);
        }
    }
}
