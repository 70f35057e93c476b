# syntax=docker/dockerfile:1
# Multi-stage build of the SeedanceBot host as one Native AOT executable (README, Performance: memory). Base images are
# arguments so the same file builds against local bases: the SDK image needs clang and zlib1g-dev for the AOT link
# (as mcr.microsoft.com/dotnet/sdk:10.0-aot has), the runtime needs only .NET's native dependencies (runtime-deps).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-aot
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/SeedanceBot/SeedanceBot.csproj -c Release --use-current-runtime -p:PublishAot=true -o /app --nologo \
    && rm -f /app/*.dbg /app/*.pdb

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Storage__Path=/data/seedancebot.db
VOLUME ["/data"]
EXPOSE 8080
USER 1654
# The binary checks itself: no curl in the runtime image.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["/app/SeedanceBot", "--healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/SeedanceBot"]
