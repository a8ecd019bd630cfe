# Cycast node image: build with the .NET SDK, run as a trimmed self-contained program on the runtime's base image.
# Cycast.Tests/Deployment/DockerfileTests.cs runs this build stage's COPY and RUN lines in an empty directory, so a
# file the build needs and this stage does not copy fails a test, not an operator's `docker compose up --build`.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# What restore reads first, alone, so the restored layer is reused until a project or a package version changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Cycast.Shared/Cycast.Shared.csproj Cycast.Shared/
COPY Cycast.Actors/Cycast.Actors.csproj Cycast.Actors/
COPY Cycast.Node/Cycast.Node.csproj Cycast.Node/
# Trimmed and self-contained: an idle node holds about 28 MB less (Cycast.Node.csproj says why).
RUN dotnet restore Cycast.Node/Cycast.Node.csproj --use-current-runtime -p:PublishTrimmed=true
COPY hocon/ hocon/
COPY Cycast.Shared/ Cycast.Shared/
COPY Cycast.Actors/ Cycast.Actors/
COPY Cycast.Node/ Cycast.Node/
RUN dotnet publish Cycast.Node/Cycast.Node.csproj -c Release --no-restore --use-current-runtime -p:PublishTrimmed=true -o /app

# The program carries its own runtime: the base image needs only what .NET itself links against.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# curl for HEALTHCHECK: the runtime image has no HTTP client of its own.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The node files say playlist.directory = "./music": the working directory here, the repository root on a loopback run.
COPY music/ /app/music/
COPY deploy/node1.hcl deploy/node2.hcl deploy/node3.hcl /etc/cycast/
# A container is reached over its own network, never its loopback: this overrides the node files' server.host.
ENV CYCAST_SERVER_HOST=0.0.0.0
# A 2 MB first GC generation: the hot path allocates nothing, and the default budget only shows as resident memory
# (docs/operating.md, "Small machines"). The runtime reads it from the environment only.
ENV DOTNET_GCgen0size=0x200000
# Source port, listen port, Akka remoting.
EXPOSE 8000 8001 4053
# docker stop sends SIGTERM: the node leaves the cluster through CoordinatedShutdown and hands its mounts over.
STOPSIGNAL SIGTERM
# Liveness only: a node that is up but not yet (or no longer) Up in the cluster is alive, just not ready; restarting
# it would not help. Compose and load balancers that route by readiness probe /health/ready instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8001/health/live || exit 1
ENTRYPOINT ["/app/Cycast.Node"]
# Which node this container is: docker-compose.yml passes -c /etc/cycast/nodeN.hcl for each service.
CMD ["-c", "/etc/cycast/node1.hcl"]
