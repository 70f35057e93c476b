namespace SeedanceBot.Simulator;

internal enum FaultKind
{
    Fail,
    Delay,
    Drop,
    FailAfterProcessing,
    DropAfterProcessing,
}
