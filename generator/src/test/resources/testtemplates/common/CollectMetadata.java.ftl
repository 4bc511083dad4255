package ${pkg};

public final class CollectMetadata {
  // common template: should not be used for jdbc
}
