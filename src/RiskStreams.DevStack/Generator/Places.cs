namespace RiskStreams.DevStack.Internal;

/// <summary>Cities the generator places accounts and travellers in.</summary>
internal static class Places
{
    public static readonly Place[] Home =
    [
        new("CN", 39.9042, 116.4074), new("CN", 31.2304, 121.4737), new("CN", 23.1291, 113.2644),
        new("CN", 30.5728, 104.0668), new("CN", 30.2741, 120.1551), new("CN", 22.5431, 114.0579),
    ];

    public static readonly Place[] Abroad =
    [
        new("GB", 51.5074, -0.1278), new("US", 40.7128, -74.0060), new("SG", 1.3521, 103.8198),
        new("JP", 35.6762, 139.6503), new("BR", -23.5505, -46.6333),
    ];

    internal readonly record struct Place(string Country, double Latitude, double Longitude);
}
