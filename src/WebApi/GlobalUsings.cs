// The namespaces nearly every endpoint and frame needs.
global using ChatClean.Application.Common;
global using ChatClean.Application.Conversations;
global using ChatClean.WebApi.Infrastructure;
global using Mediator;
