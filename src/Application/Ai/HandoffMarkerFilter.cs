namespace ChatClean.Application.Ai;

/// <summary>Removes the handoff marker from streamed text, holding back a tail that may be its beginning.</summary>
public sealed class HandoffMarkerFilter(string marker)
{
    private string _pending = string.Empty;

    public bool Found { get; private set; }

    public string Push(string text)
    {
        _pending += text;
        var at = _pending.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            Found = true;
            _pending = _pending.Remove(at, marker.Length);
        }

        var hold = 0;
        for (var length = Math.Min(marker.Length - 1, _pending.Length); length > 0; length--)
        {
            if (_pending.EndsWith(marker[..length], StringComparison.Ordinal))
            {
                hold = length;
                break;
            }
        }

        var visible = _pending[..^hold];
        _pending = _pending[^hold..];
        return visible;
    }

    public string Flush()
    {
        var rest = _pending;
        _pending = string.Empty;
        return rest;
    }
}
