using System.CommandLine;
using RiskStreams.Risk;

namespace RiskStreams.Service;

/// <summary>
/// <c>riskstreams policy validate FILE</c> (exit 0 when valid, 1 with compiler-style errors otherwise) and
/// <c>riskstreams policy show</c> (prints the shipped default policy, a template to copy and edit).
/// </summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The policy YAML file to check." };
        var validate = new Command("validate", "Check a policy file; print every error as FILE:LINE:COL: FIELD: MESSAGE.") { file };
        validate.SetAction(parse => Validate(parse.GetValue(file)!, Console.Out, Console.Error));

        var show = new Command("show", "Print the default policy YAML (documented field by field).");
        show.SetAction(_ => Show(Console.Out));

        return new Command("policy", "Work with risk policy files.") { validate, show };
    }

    internal static int Validate(string path, TextWriter output, TextWriter errors)
    {
        try
        {
            var policy = RiskPolicyLoader.LoadFile(path);
            foreach (var warning in policy.Warnings)
            {
                errors.WriteLine($"{path}: warning: {warning}");
            }

            output.WriteLine($"policy {path}: version {policy.Version}, {policy.Rules.EnabledCount} rules enabled — OK");
            return 0;
        }
        catch (PolicyValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                errors.WriteLine(error.Format(path));
            }

            errors.WriteLine($"policy {path}: {ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"riskstreams: cannot read policy {path}: {ex.Message}");
            return 1;
        }
    }

    internal static int Show(TextWriter output)
    {
        output.Write(RiskPolicy.DefaultYaml);
        return 0;
    }
}
