using System.Text;

namespace RiskStreams.IntegrationTests;

/// <summary>A thread-safe text sink whose lines the test can read while the writer runs.</summary>
internal sealed class SynchronizedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    /// <summary>Everything written so far.</summary>
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    public string[] Lines()
    {
        lock (_text)
        {
            return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
