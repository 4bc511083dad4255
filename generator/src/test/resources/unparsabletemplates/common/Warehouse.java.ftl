package ${pkg};

public final class Warehouse {
  // ${comment(d.name)}
  int x = = 1;
}
