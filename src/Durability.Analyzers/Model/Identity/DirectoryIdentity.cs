using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// One directory as code names it. A directory has several names at once (the parent of <c>path</c>, of
/// <c>path + ".tmp"</c> and of <c>Path.Combine(dir, name)</c> are all <c>dir</c>), so it is kept as the set of keys
/// <see cref="PathResolver"/> finds for it, and two identities are the same directory when they share a key.
/// A directory has a handful of names, so they are kept in a list: comparing two short lists costs less than
/// building hash sets for every path a rule asks about.
/// </summary>
internal sealed class DirectoryIdentity
{
    private const string AnyKey = "*";

    private readonly List<string> _keys;

    /// <param name="keys">Distinct keys; the identity keeps the list.</param>
    internal DirectoryIdentity(List<string> keys) => _keys = keys;

    /// <summary>A directory that cannot be told (a sync helper taking no path): the same as any directory.</summary>
    public static DirectoryIdentity Any { get; } = new(new List<string> { AnyKey });

    /// <summary>The directory a field or property holding its path names, in any body of its type.</summary>
    public static DirectoryIdentity OfMember(ISymbol member) => new(new List<string> { "dir:" + PathKeys.OfVariable(member) });

    /// <summary>True when the code names no directory at all.</summary>
    public bool IsUnknown => _keys.Count == 0;

    /// <summary>True when both name one directory, or either is <see cref="Any"/>.</summary>
    public bool IsSame(DirectoryIdentity other)
    {
        if (_keys.Contains(AnyKey) || other._keys.Contains(AnyKey))
        {
            return true;
        }

        foreach (var key in _keys)
        {
            if (other._keys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <paramref name="key"/> to a list of distinct keys being built for an identity.</summary>
    internal static void AddKey(List<string> keys, string key)
    {
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    /// <summary>This directory without the <see cref="Any"/> reading: what it is known to be.</summary>
    public DirectoryIdentity Known()
    {
        if (!_keys.Contains(AnyKey))
        {
            return this;
        }

        var keys = new List<string>(_keys);
        keys.Remove(AnyKey);
        return new DirectoryIdentity(keys);
    }

    /// <summary>Either reading: the directory is this one or <paramref name="other"/> (a helper given a directory or a file in it).</summary>
    public DirectoryIdentity Or(DirectoryIdentity other)
    {
        var keys = new List<string>(_keys);
        foreach (var key in other._keys)
        {
            AddKey(keys, key);
        }

        return new DirectoryIdentity(keys);
    }
}
