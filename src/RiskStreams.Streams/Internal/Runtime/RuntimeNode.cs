namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>A node instantiated for one task.</summary>
internal abstract class RuntimeNode(string name)
{
    public string Name { get; } = name;

    public abstract void Connect(RuntimeNode child);

    public virtual void Init(TaskContext context)
    {
    }

    public virtual void Close()
    {
    }
}

/// <summary>A node with typed output, forwarding to typed children.</summary>
internal abstract class RuntimeNode<TKeyOut, TValueOut>(string name) : RuntimeNode(name)
{
    private IRecordReceiver<TKeyOut, TValueOut>[] _children = [];

    public override void Connect(RuntimeNode child)
    {
        if (child is not IRecordReceiver<TKeyOut, TValueOut> receiver)
        {
            throw new InvalidOperationException(
                $"Node '{child.Name}' cannot receive records of <{typeof(TKeyOut).Name}, {typeof(TValueOut).Name}> forwarded by '{Name}'.");
        }

        _children = [.. _children, receiver];
    }

    public void Forward(Record<TKeyOut, TValueOut> record)
    {
        foreach (var child in _children)
        {
            child.Receive(record);
        }
    }

    public void Forward(Record<TKeyOut, TValueOut> record, string childName)
    {
        foreach (var child in _children)
        {
            if (child.Name == childName)
            {
                child.Receive(record);
                return;
            }
        }

        throw new InvalidOperationException($"Node '{Name}' has no child named '{childName}'.");
    }
}
