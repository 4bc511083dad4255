package io.pushgen.runtime.auth;

/** What a setting's value names, checked before the program connects (see {@link FileChecks}). */
public enum FileCheck {
  /** A plain value, not a file. */
  NONE,
  /** A file that must exist and be readable (a certificate, a trust store). */
  READABLE,
  /** A PKCS#8 private key in PEM form, encrypted or not. */
  PKCS8_PRIVATE_KEY,
  /** A Kerberos keytab. */
  KEYTAB,
  /** A Google credentials JSON file (service-account key or external-account configuration). */
  GOOGLE_CREDENTIALS
}
