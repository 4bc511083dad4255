package ${pkg};

import ${runtimePkg}.cli.ExitCode;

/** CollectAndPush for flow ${flow} of ${comment(d.name)}. */
public final class CollectAndPush${pascal(flow)} {
  public static void main(String[] args) {
    System.out.println(Warehouse.ID + " " + ExitCode.class.getSimpleName());
  }
}
