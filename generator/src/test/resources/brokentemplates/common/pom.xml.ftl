<?xml version="1.0" encoding="UTF-8"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>${xml(pkg)}</groupId>
  <artifactId>${xml(artifactId)}</artifactId>
  <version>${xml(version)}</version>
  <name>${xml(d.name)}</name>   


  <description>${xml(d.connection.url)}</description>
</project>
