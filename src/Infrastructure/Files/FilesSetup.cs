using ChatClean.Application.Abstractions.Files;
using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Attachments;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Files;

public static class FilesSetup
{
    /// <summary>Attachments' rules (<c>Attachments:*</c>) and their storage: the local disk under <c>Attachments:Folder</c> (default <c>attachments</c> in the data folder).</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddValidatedOptions<AttachmentOptions>(configuration, AttachmentOptions.SectionName);
        var folder = configuration.GetValidated<AttachmentOptions>(AttachmentOptions.SectionName).Folder;
        services.AddSingleton<IFileStorage>(new LocalFileStorage(string.IsNullOrWhiteSpace(folder) ? Path.Combine(dataDirectory, "attachments") : Path.GetFullPath(folder, dataDirectory)));
        return services;
    }
}
