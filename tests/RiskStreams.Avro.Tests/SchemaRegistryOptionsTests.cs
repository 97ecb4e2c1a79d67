namespace RiskStreams.Avro.Tests;

public sealed class SchemaRegistryOptionsTests
{
    [Theory]
    [InlineData("", "Url")]
    [InlineData("localhost:8081", "Url")]
    [InlineData("http://a:8081,ftp://b", "Url")]
    public void Bad_url_is_rejected_naming_the_field(string url, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaRegistryOptions { Url = url }.Validate());
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Basic_auth_without_colon_is_rejected() =>
        Assert.Equal("BasicAuthUserInfo", Assert.Throws<ArgumentException>(() =>
            new SchemaRegistryOptions { Url = "http://r:8081", BasicAuthUserInfo = "user" }.Validate()).ParamName);

    [Fact]
    public void Non_positive_timeout_is_rejected() =>
        Assert.Equal("RequestTimeout", Assert.Throws<ArgumentException>(() =>
            new SchemaRegistryOptions { Url = "http://r:8081", RequestTimeout = TimeSpan.Zero }.Validate()).ParamName);

    [Fact]
    public void Zero_cache_size_is_rejected() =>
        Assert.Equal("MaxCachedSchemas", Assert.Throws<ArgumentException>(() =>
            new SchemaRegistryOptions { Url = "http://r:8081", MaxCachedSchemas = 0 }.Validate()).ParamName);

    [Fact]
    public void Comma_separated_urls_are_trimmed_and_end_with_a_slash()
    {
        var options = new SchemaRegistryOptions { Url = " http://a:8081 ,https://b/registry," };

        options.Validate();

        Assert.Equal(["http://a:8081/", "https://b/registry/"], options.GetUrls().Select(u => u.AbsoluteUri));
    }
}
