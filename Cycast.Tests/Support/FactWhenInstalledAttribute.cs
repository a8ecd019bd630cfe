namespace Cycast.Tests.Support;

/// <summary>
/// A fact that needs a program this machine may lack: without it the test is reported skipped, with the package to
/// install, rather than failing for a reason that is not Cycast's. xunit 2 decides skips when it finds the tests.
/// </summary>
public sealed class FactWhenInstalledAttribute : FactAttribute
{
    public FactWhenInstalledAttribute(string program, string package)
    {
        if (!File.Exists(program))
            Skip = $"{program} is missing: apt-get install {package} (scripts/install-test-deps.sh installs it)";
    }
}
