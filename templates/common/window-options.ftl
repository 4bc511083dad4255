<#-- The options of a collection over chained time windows (query logs, lineage history). -->
<#-- perRegion: the default state file is <stateFile>-<region>.json, one per region collected
     (set by the program once the region is known); `per` names the connection's value that
     separates windows (region; Athena: workgroup). -->
<#macro windowOptions stateFile perRegion=false per="region">

<#if perRegion>
    @Option(
        names = "--state-file",
        description =
            "Where the end of the last window is kept (default: ${stateFile}-<${per}>.json, one"
                + " per ${per}, so that runs for two ${per}s never share a window).")
    Path stateFile;

    /** The state file: {@code --state-file}, else one named after the ${per}. */
    Path stateFile() {
      return stateFile != null ? stateFile : Path.of("${stateFile}-" + connection.${per}() + ".json");
    }
<#else>
    @Option(
        names = "--state-file",
        defaultValue = "${stateFile}.json",
        description = "Where the end of the last window is kept (default: ${r"${DEFAULT-VALUE}"}).")
    Path stateFile;

    /** The state file. */
    Path stateFile() {
      return stateFile;
    }
</#if>

    @Option(
        names = "--window",
        paramLabel = "MODE",
        defaultValue = QueryWindow.CHAINED,
        description =
            "chained (default): from the end of the last window (the state file) to --lag-minutes"
                + " ago; hourly: the last complete clock hour that ended at least --lag-minutes ago,"
                + " from the clock alone (no state; a re-run in the same hour repeats the same window).")
    String window;

    @Option(
        names = {"--start", "--window-start"},
        description = "Start of an explicit window (ISO-8601), for backfills; the state is not used.")
    String start;

    @Option(names = {"--end", "--window-end"}, description = "End of an explicit window (ISO-8601).")
    String end;

    @Option(
        names = "--lookback-minutes",
        defaultValue = "" + LOOKBACK_MINUTES,
        description = "How far back a first run reaches (default: ${r"${DEFAULT-VALUE}"}).")
    int lookbackMinutes;

    @Option(
        names = "--lag-minutes",
        defaultValue = "" + LAG_MINUTES,
        description = "How long before now the window ends (default: ${r"${DEFAULT-VALUE}"}).")
    int lagMinutes;

    /** The window this run covers, from the options and (when chained) the state file. */
    QueryWindow window() throws UsageException, IOException {
      return QueryWindow.resolve(
          window,
          stateFile(),
          QueryWindow.instantOption(start, "--start"),
          QueryWindow.instantOption(end, "--end"),
          Duration.ofMinutes(lookbackMinutes),
          Duration.ofMinutes(lagMinutes),
          Instant.now());
    }
</#macro>
