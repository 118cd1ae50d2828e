using System.ComponentModel.DataAnnotations;
using ChatClean.Application.Common;
using ChatClean.Application.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.Hosting;

/// <summary>
/// Validated options: a value that does not convert, or breaks a rule, is an <see cref="OptionsValidationException"/>
/// naming its full key, every bad key at once, when the options are validated (the host's start), never a binder's
/// exception at first use.
/// </summary>
public sealed class ValidatedOptionsTests
{
    [Fact]
    public void A_value_that_does_not_convert_is_reported_with_its_full_key_and_what_was_expected()
    {
        var failures = StartupFailures(("Sample:Timeout", "banana"));

        failures.ShouldBe(["Sample:Timeout: 'banana' is not a valid TimeSpan (hh:mm:ss, or d.hh:mm:ss with days)"]);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once_nested_sections_and_list_entries_included()
    {
        var failures = StartupFailures(
            ("Sample:Count", "many"), ("Sample:Mode", "Sideways"), ("Sample:Enabled", "yes"), ("Sample:Inner:Ratio", "1,5"), ("Sample:Ports:1", "http"));

        failures.ShouldBe(
            [
                "Sample:Count: 'many' is not a whole number (a valid Int32)",
                "Sample:Mode: 'Sideways' is not one of Fast, Slow",
                "Sample:Enabled: 'yes' is not true or false",
                "Sample:Inner:Ratio: '1,5' is not a number ('.' as the decimal point)",
                "Sample:Ports:1: 'http' is not a whole number (a valid Int32)",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void An_enum_number_that_names_no_member_is_refused()
    {
        StartupFailures(("Sample:Mode", "7")).ShouldBe(["Sample:Mode: '7' is not one of Fast, Slow"]);
    }

    [Fact]
    public void Values_that_convert_are_checked_against_the_rules_of_their_properties_nested_and_per_entry()
    {
        var failures = StartupFailures(
            ("Sample:Timeout", "-00:00:05"), ("Sample:Count", "0"), ("Sample:Inner:Ratio", "2"), ("Sample:Waits:slow", "00:00:00"), ("Sample:Name", " "));

        failures.ShouldBe(
            [
                "Sample:Timeout: '-00:00:05' must be greater than zero",
                "Sample:Count: '0' must be greater than zero",
                "Sample:Inner:Ratio: '2' must be between 0 and 1",
                "Sample:Waits:slow: '00:00:00' must be greater than zero",
                "Sample:Name: must not be empty",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void A_cross_field_rule_names_the_key_it_is_about()
    {
        StartupFailures(("Sample:Mode", "Slow")).ShouldBe(["Sample:Waits:slow: must be set when Sample:Mode is Slow"]);
    }

    [Fact]
    public void Valid_settings_bind_and_unset_ones_keep_their_defaults()
    {
        using var provider = Provider(("Sample:Timeout", "00:00:30"), ("Sample:Waits:slow", "00:01:00"), ("Sample:Mode", "slow"));
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<SampleOptions>>().Value;
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.Mode.ShouldBe(SampleMode.Slow);
        options.Count.ShouldBe(3);
        options.Waits["slow"].ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void An_eagerly_read_section_throws_at_once_naming_its_keys()
    {
        var configuration = Configuration(("Sample:Count", "many"), ("Sample:Timeout", "0"));

        var failure = Should.Throw<OptionsValidationException>(() => configuration.GetValidated<SampleOptions>("Sample"));

        failure.Failures.ShouldBe(["Sample:Count: 'many' is not a whole number (a valid Int32)"]);
        Should.Throw<OptionsValidationException>(() => Configuration(("Sample:Timeout", "0")).GetValidated<SampleOptions>("Sample"))
            .Failures.ShouldBe(["Sample:Timeout: '0' must be greater than zero"]);
    }

    [Fact]
    public void A_single_setting_is_its_fallback_when_unset_and_names_its_key_when_bad()
    {
        Configuration().Optional("Metrics:SampleInterval", TimeSpan.FromSeconds(10), new PositiveAttribute()).ShouldBe(TimeSpan.FromSeconds(10));
        Configuration(("Limits:Size", "")).Optional<long?>("Limits:Size", null).ShouldBeNull();
        Configuration(("Metrics:SampleInterval", "00:00:02")).Optional("Metrics:SampleInterval", TimeSpan.FromSeconds(10)).ShouldBe(TimeSpan.FromSeconds(2));

        Should.Throw<OptionsValidationException>(() => Configuration(("Metrics:SampleInterval", "soon")).Optional("Metrics:SampleInterval", TimeSpan.Zero))
            .Failures.ShouldBe(["Metrics:SampleInterval: 'soon' is not a valid TimeSpan (hh:mm:ss, or d.hh:mm:ss with days)"]);
        Should.Throw<OptionsValidationException>(() => Configuration(("Limits:Size", "-1")).Optional<long?>("Limits:Size", null, new PositiveAttribute()))
            .Failures.ShouldBe(["Limits:Size: '-1' must be greater than zero"]);
    }

    private static string[] StartupFailures(params (string Key, string Value)[] settings)
    {
        using var provider = Provider(settings);
        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return [.. failure.Failures];
    }

    private static ServiceProvider Provider(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions>(Configuration(settings), "Sample");
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    public enum SampleMode
    {
        Fast,
        Slow,
    }

    public sealed class SampleOptions : IValidatableObject
    {
        [Positive]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        [Positive]
        public int Count { get; set; } = 3;

        public SampleMode Mode { get; set; }

        public bool Enabled { get; set; }

        [NotEmpty]
        public string Name { get; set; } = "sample";

        public int[] Ports { get; set; } = [];

        [Positive]
        public Dictionary<string, TimeSpan> Waits { get; } = [];

        public InnerOptions Inner { get; set; } = new();

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Mode == SampleMode.Slow && !Waits.ContainsKey("slow"))
            {
                yield return new ValidationResult("must be set when Sample:Mode is Slow", ["Waits:slow"]);
            }
        }
    }

    public sealed class InnerOptions
    {
        [Between(0, 1)]
        public double Ratio { get; set; } = 0.5;
    }
}
