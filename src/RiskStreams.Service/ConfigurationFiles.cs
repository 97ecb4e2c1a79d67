using Microsoft.Extensions.Configuration;

namespace RiskStreams.Service;

/// <summary>Builds the configuration every verb reads; a missing or malformed <c>--config</c> file is one clear error, not a stack trace.</summary>
internal static class ConfigurationFiles
{
    public static IConfiguration Load(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"--config file {configFile} does not exist.");
            }

            builder.AddJsonFile(path, optional: false);
        }

        try
        {
            return builder.AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException e)
        {
            // The JSON provider says "Could not parse the JSON file." and puts the line and position in the inner exception.
            throw new InvalidOperationException($"--config file {configFile ?? "appsettings.json"} is not valid JSON: {e.GetBaseException().Message}", e);
        }
    }
}
