<#-- The container image of the project: the one runnable jar on a JRE, as a non-root user. -->
# The container image of these programs: the runnable jar that `mvn package` builds, on a Java 17
# runtime, run as a non-root user. Build it after `mvn package`:
#
#   docker build -t ${deploy.image} .
#
# and run any command of the jar with the image's name, e.g.
#
#   docker run --rm --env-file settings.env -v "$PWD/secrets:${deploy.secretsDir}:ro" \
#     ${deploy.image} ${deploy.jobs[0].arguments[0]}
#
# No secret is copied into the image or passed at build time: every credential is given when the
# container runs, as a file (`<VARIABLE>_FILE` pointing into a mounted folder, see
# deploy/kubernetes/) or as an environment variable. .dockerignore keeps everything but the jar out
# of the build context.

# A JRE, not a JDK: the programs need nothing else. Pin a digest in your registry if you need
# reproducible images.
FROM eclipse-temurin:17-jre

# A fixed numeric user without a login shell or home, so that Kubernetes' runAsNonRoot can check it.
RUN groupadd --system --gid ${deploy.userId?c} pushgen \
    && useradd --system --uid ${deploy.userId?c} --gid pushgen --no-create-home --shell /usr/sbin/nologin pushgen \
    && mkdir -p ${deploy.workDir} \
    && chown pushgen:pushgen ${deploy.workDir}

# The one jar, owned by root and read-only for the user that runs it.
COPY target/${deploy.jar} /app/${deploy.jar}

USER ${deploy.userId?c}:${deploy.userId?c}

# Manifests, result files and the summary are written here (a volume in Kubernetes).
WORKDIR ${deploy.workDir}

# The heap is half the container's memory limit: every program is measured to stay within 256 MB
# of heap (BENCHMARKS.md), and the rest is for the JVM itself. The arguments of `docker run` (or a
# pod's args) are the command and its options.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/${deploy.jar}"]
CMD ["--help"]
