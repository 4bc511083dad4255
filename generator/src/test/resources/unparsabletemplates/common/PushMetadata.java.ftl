package ${pkg};

import ${runtimePkg}.cli.ExitCode;

/** Push for flow ${flow} of ${comment(d.name)}. */
public final class Push${pascal(flow)} {
  public static void main(String[] args) {
    System.out.println(Warehouse.ID + " " + ExitCode.class.getSimpleName());
  }
}
