// The namespaces nearly every use case needs.
global using ChatClean.Application.Abstractions.EventStore;
global using ChatClean.Application.Abstractions.ReadModels;
global using ChatClean.Application.Common;
global using ChatClean.Application.Conversations;
global using ChatClean.Domain.Common;
global using ChatClean.Domain.Conversations;
global using ChatClean.Domain.Users;
global using FluentValidation;
global using Mediator;
