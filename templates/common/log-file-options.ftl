<#-- The options of a collection that reads server log files; `section` is the flow's
     descriptor section (log_format, log_file). -->
<#macro logFileOptions section>
<#local env = (section.log_file.env)!(constant(d.id) + "_LOG_FILE")>
<#local default = (section.log_file.default)!"">

    @Option(
        names = "--log-file",
        paramLabel = "PATH",
        defaultValue = ${javaString(r"${env:" + env + default?has_content?then(":-" + default, "") + "}")},
        description =
            ${picocliString(((section.log_file.description)!"The log: a file with its rotated copies, a directory or a glob.") + " (env " + env + default?has_content?then(", default " + default, "") + ")")})
    String logFile;

    @Option(
        names = "--log-timezone",
        paramLabel = "ZONE",
        defaultValue = ${javaString(r"${env:" + constant(d.id) + "_LOG_TIMEZONE}")},
        description =
            "Time zone the server writes log times in, when they carry no offset (e.g. UTC,"
                + " Europe/Berlin; env ${constant(d.id)}_LOG_TIMEZONE; default: UTC for times"
                + " without a zone).")
    String logTimezone;

    /** The log files to read, as {@code --log-file} gives them. */
    String logFile() throws UsageException {
      if (logFile == null || logFile.isBlank()) {
        throw new UsageException("missing --log-file (or the environment variable ${env})");
      }
      return logFile;
    }

    /** The zone of log times without an offset, or null for UTC. */
    ZoneId logZone() throws UsageException {
      return LogQueryLogs.zoneOption(logTimezone, "--log-timezone");
    }
</#macro>
