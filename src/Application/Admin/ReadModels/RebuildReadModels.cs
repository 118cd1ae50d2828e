namespace ChatClean.Application.Admin;

/// <summary>An admin empties the read models; they are replayed from the event log, which stays untouched.</summary>
[RequiresPermission(Permissions.OperationsManage)]
public sealed record RebuildReadModelsCommand(Caller Caller) : ICallerRequest, ICommand;

public sealed class RebuildReadModelsHandler(IReadModelRebuilder rebuilder) : ICommandHandler<RebuildReadModelsCommand>
{
    public async ValueTask<Unit> Handle(RebuildReadModelsCommand command, CancellationToken cancellationToken)
    {
        await rebuilder.StartRebuildAsync(cancellationToken);
        return Unit.Value;
    }
}
