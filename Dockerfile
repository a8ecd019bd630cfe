# Cycast node image: build with the .NET SDK, run on the ASP.NET Core runtime alone.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY Cycast.Shared/Cycast.Shared.csproj Cycast.Shared/
COPY Cycast.Actors/Cycast.Actors.csproj Cycast.Actors/
COPY Cycast.Node/Cycast.Node.csproj Cycast.Node/
RUN dotnet restore Cycast.Node/Cycast.Node.csproj
COPY hocon/ hocon/
COPY Cycast.Shared/ Cycast.Shared/
COPY Cycast.Actors/ Cycast.Actors/
COPY Cycast.Node/ Cycast.Node/
RUN dotnet publish Cycast.Node/Cycast.Node.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for HEALTHCHECK: the runtime image has no HTTP client of its own.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY music/ /music/
COPY deploy/config.hcl /etc/cycast/config.hcl
# Source port, listen port, Akka remoting.
EXPOSE 8000 8001 4053
# docker stop sends SIGTERM: the node leaves the cluster through CoordinatedShutdown and hands its mounts over.
STOPSIGNAL SIGTERM
# Liveness only: a node that is up but not yet (or no longer) Up in the cluster is alive, just not ready; restarting
# it would not help. Compose and load balancers that route by readiness probe /health/ready instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8001/health/live || exit 1
ENTRYPOINT ["dotnet", "Cycast.Node.dll", "-c", "/etc/cycast/config.hcl"]
