namespace ChatClean.Domain.Conversations;

public enum SenderKind
{
    Customer,
    Ai,
    Agent,
    System,
}
