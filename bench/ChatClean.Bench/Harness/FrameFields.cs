using System.Text;
using System.Text.Json;

namespace ChatClean.Bench;

/// <summary>The few fields of a server frame the load generator looks at, read in one pass without building a document.</summary>
public readonly record struct FrameFields(string? Type, string? ClientMessageId, string? SenderKind, Guid? ConversationId, string? Ref)
{
    public static FrameFields Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        string? type = null, clientMessageId = null, senderKind = null, reference = null;
        Guid? conversationId = null;
        var depth = 0;
        var inSender = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    inSender = false;
                    break;
                case JsonTokenType.PropertyName when depth == 1:
                    if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        type = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("clientMessageId"u8))
                    {
                        reader.Read();
                        clientMessageId = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("conversationId"u8))
                    {
                        reader.Read();
                        conversationId = reader.TokenType == JsonTokenType.String ? reader.GetGuid() : null;
                    }
                    else if (reader.ValueTextEquals("ref"u8))
                    {
                        reader.Read();
                        reference = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("sender"u8))
                    {
                        inSender = true;
                    }

                    break;
                case JsonTokenType.PropertyName when depth == 2 && inSender && reader.ValueTextEquals("kind"u8):
                    reader.Read();
                    senderKind = reader.GetString();
                    break;
            }
        }

        return new FrameFields(type, clientMessageId, senderKind, conversationId, reference);
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
