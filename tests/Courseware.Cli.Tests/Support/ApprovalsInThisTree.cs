using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Namers;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// Approved and received files in the tree the tests run from, not in the one they were compiled in. ApprovalTests
/// finds a test's folder from its compile-time source path; the rootless leg runs a copy of the built tree in the
/// rootless user's home (scripts/test.sh), where that path is root's and not writable, so every approval there failed
/// on writing its .received.txt. The path below tests/ is kept and put under <see cref="Repo.Root"/>.
/// </summary>
internal sealed class ApprovalsInThisTree(IApprovalNamer compiled) : IApprovalNamer
{
    public string Name => compiled.Name;

    public string SourcePath
    {
        get
        {
            var source = compiled.SourcePath;
            var tests = source.LastIndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            return tests < 0 ? source : Path.Join(Repo.Root, source[tests..]);
        }
    }

    [ModuleInitializer]
    internal static void Register() => Approvals.RegisterDefaultNamerCreation(() => new ApprovalsInThisTree(new UnitTestFrameworkNamer()));
}
