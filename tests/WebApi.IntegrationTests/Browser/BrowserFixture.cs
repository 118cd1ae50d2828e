using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (browsers cannot be downloaded here: <c>scripts/test.sh</c> installs
/// <c>chromium</c>). One browser for the test class; each person in a scenario gets a context of their own.
/// Screenshots go to <c>artifacts/screenshots/</c> at the repository's root.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = FindScreenshots();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium (scripts/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (its own storage, so its own signed-in user) on a phone-sized or desktop screen.</summary>
    public Task<IBrowserContext> NewPersonAsync(Uri service, bool phone = false, string locale = "en-US") =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.ToString(),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 780 } : new ViewportSize { Width = 1280, Height = 860 },
        });

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static string FindScreenshots()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatClean.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(folder.FullName, "artifacts", "screenshots")).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}
