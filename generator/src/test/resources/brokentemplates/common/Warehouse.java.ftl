package ${pkg};

public final class Warehouse {
  String x = "${d.nope}";
}
