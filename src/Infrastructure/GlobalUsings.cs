// The namespaces nearly every adapter needs.
global using ChatClean.Application.Abstractions;
global using ChatClean.Application.Abstractions.EventStore;
global using ChatClean.Application.Conversations;
global using ChatClean.Domain.Conversations;
global using ChatClean.Infrastructure.Persistence;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
