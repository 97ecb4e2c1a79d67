namespace RiskStreams.Risk.Internal;

/// <summary>Saturating arithmetic on amounts and counts: a sum that would overflow stays at the bound instead of wrapping.</summary>
internal static class Saturating
{
    public static long Add(long a, long b)
    {
        var sum = unchecked(a + b);

        // Overflow happened when both operands share a sign that the result does not.
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    public static int Add(int a, int b) => (int)Math.Clamp((long)a + b, int.MinValue, int.MaxValue);

    /// <summary><paramref name="a"/> − <paramref name="b"/>, saturating.</summary>
    public static long Subtract(long a, long b)
    {
        var difference = unchecked(a - b);
        return ((a ^ b) & (a ^ difference)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : difference;
    }
}
