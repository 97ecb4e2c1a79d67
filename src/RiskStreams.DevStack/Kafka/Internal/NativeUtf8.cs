using System.Text;

namespace RiskStreams.DevStack.Internal;

/// <summary>UTF-8, NUL-terminated copies of strings for native calls.</summary>
internal static class NativeUtf8
{
    public static byte[] Encode(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
