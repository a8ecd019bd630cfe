using Akka.Streams;
using Akka.Streams.Stage;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Listeners;

/// <summary>The listener fell further behind the live edge than its lag budget allows.</summary>
public sealed class ListenerTooSlowException(long lagBytes, long budgetBytes)
    : Exception($"fell {lagBytes} bytes behind the live edge (lag budget {budgetBytes} bytes)");

/// <summary>
/// Sits between the live hub and one listener's socket. It always pulls from the hub, so a listener never slows the
/// hub, the mount or any other listener; while the socket is busy it keeps only the newest element (each one means
/// "the stream reaches here", so the newest says everything); and it fails the listener's stream as soon as the
/// stream has run more than the lag budget past what the listener has been sent (Icecast's queue-size rule).
/// </summary>
public sealed class LagGuardStage(Func<long> sentOffset, long budgetBytes) : GraphStage<FlowShape<AudioChunk, AudioChunk>>
{
    private readonly Inlet<AudioChunk> _in = new("LagGuard.in");
    private readonly Outlet<AudioChunk> _out = new("LagGuard.out");
    private readonly Func<long> _sentOffset = sentOffset;
    private readonly long _budgetBytes = budgetBytes;

    public override FlowShape<AudioChunk, AudioChunk> Shape => new(_in, _out);

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly LagGuardStage _stage;
        private AudioChunk? _newest;

        public Logic(LagGuardStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void PreStart() => Pull(_stage._in);

        public override void OnPush()
        {
            var chunk = Grab(_stage._in);
            var lag = chunk.End - _stage._sentOffset();
            if (lag > _stage._budgetBytes)
            {
                FailStage(new ListenerTooSlowException(lag, _stage._budgetBytes));
                return;
            }
            _newest = chunk;
            if (IsAvailable(_stage._out))
                PushNewest();
            Pull(_stage._in);
        }

        public override void OnPull()
        {
            if (_newest is not null)
                PushNewest();
        }

        public override void OnUpstreamFinish()
        {
            if (_newest is null)
                CompleteStage();
            else
                Emit(_stage._out, _newest, CompleteStage);
        }

        private void PushNewest()
        {
            Push(_stage._out, _newest!);
            _newest = null;
        }
    }
}
