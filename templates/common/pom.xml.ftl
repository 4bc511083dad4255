<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <!-- Collect and push programs for Monte Carlo. `mvn package` builds one runnable jar. -->
  <groupId>${pkg}</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0.0</version>
  <packaging>jar</packaging>
  <name>${xml(d.name)} to Monte Carlo</name>

  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <!-- `mvn -DskipShade=true verify` compiles without building the runnable jar. -->
    <skipShade>false</skipShade>
  </properties>

  <dependencyManagement>
    <dependencies>
      <!-- Every Jackson module at the version the programs are built for, whatever the
           warehouse's own libraries ask for (first import wins). -->
      <dependency>
        <groupId>com.fasterxml.jackson</groupId>
        <artifactId>jackson-bom</artifactId>
        <version>2.19.2</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
<#if (d.connection.client.bom)??>
<#assign bom = d.connection.client.bom?split(":")>
      <!-- Pins the vendor client and everything it depends on to versions released together. -->
      <dependency>
        <groupId>${xml(bom[0])}</groupId>
        <artifactId>${xml(bom[1])}</artifactId>
        <version>${xml(bom[2])}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
</#if>
    </dependencies>
  </dependencyManagement>

  <dependencies>
<#if (d.connection.client.maven)??>
<#assign clientArtifacts = [d.connection.client.maven] + (d.connection.client.also![])>
<#list clientArtifacts as artifact>
<#assign client = artifact?split(":")>
<#if artifact?is_first>
    <!-- The warehouse's client library (version from the BOM above). -->
</#if>
    <dependency>
      <groupId>${xml(client[0])}</groupId>
      <artifactId>${xml(client[1])}</artifactId>
<#if (d.connection.client.exclude)?has_content>
      <!-- Dependencies the programs do not use (the descriptor's client.exclude). -->
      <exclusions>
<#list d.connection.client.exclude as excluded>
<#assign e = excluded?split(":")>
        <exclusion>
          <groupId>${xml(e[0])}</groupId>
          <artifactId>${xml(e[1])}</artifactId>
        </exclusion>
</#list>
      </exclusions>
</#if>
    </dependency>
</#list>
<#if (d.connection.client.credentials)??>
<#assign credentialsLibrary = d.connection.client.credentials?split(":")>
    <!-- The credentials library the programs build credentials with (version from the BOM). -->
    <dependency>
      <groupId>${xml(credentialsLibrary[0])}</groupId>
      <artifactId>${xml(credentialsLibrary[1])}</artifactId>
    </dependency>
</#if>
<#elseif (d.connection.driver.maven)??>
<#assign coords = d.connection.driver.maven?split(":")>
    <!-- The warehouse's driver. -->
    <dependency>
      <groupId>${xml(coords[0])}</groupId>
      <artifactId>${xml(coords[1])}</artifactId>
      <version>${xml(coords[2])}</version>
<#if coords?size gt 3>
      <classifier>${xml(coords[3])}</classifier>
</#if>
<#if !((d.connection.driver.transitive)!true)>
      <!-- A standalone jar: it bundles its dependencies, so those its pom declares stay out. -->
      <exclusions>
        <exclusion>
          <groupId>*</groupId>
          <artifactId>*</artifactId>
        </exclusion>
      </exclusions>
</#if>
    </dependency>
<#list d.connection.driver.dependencies![] as dependency>
<#assign coords = dependency.maven?split(":")>
    <!-- ${xml(dependency["for"])} -->
    <dependency>
      <groupId>${xml(coords[0])}</groupId>
      <artifactId>${xml(coords[1])}</artifactId>
      <version>${xml(coords[2])}</version>
<#if coords?size gt 3>
      <classifier>${xml(coords[3])}</classifier>
</#if>
<#if (dependency.exclude)?has_content>
      <exclusions>
<#list dependency.exclude as excluded>
<#assign e = excluded?split(":")>
        <exclusion>
          <groupId>${xml(e[0])}</groupId>
          <artifactId>${xml(e[1])}</artifactId>
        </exclusion>
</#list>
      </exclusions>
</#if>
    </dependency>
</#list>
<#else>
    <!-- Add your database's JDBC driver here, e.g.
    <dependency>
      <groupId>com.h2database</groupId>
      <artifactId>h2</artifactId>
      <version>2.3.232</version>
    </dependency>
    -->
</#if>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>info.picocli</groupId>
      <artifactId>picocli</artifactId>
      <version>4.7.7</version>
    </dependency>
<#list runtimeMaven as dependency>
    <!-- Needed by the runtime's ${dependency.part} part. -->
    <dependency>
      <groupId>${xml(dependency.groupId)}</groupId>
      <artifactId>${xml(dependency.artifactId)}</artifactId>
      <version>${xml(dependency.version)}</version>
    </dependency>
</#list>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.3</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-install-plugin</artifactId>
        <version>3.1.4</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-deploy-plugin</artifactId>
        <version>3.1.4</version>
      </plugin>
      <!-- One runnable jar with the driver: java -jar target/${artifactId}.jar <command> -->
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>3.6.0</version>
        <executions>
          <execution>
            <phase>package</phase>
            <goals>
              <goal>shade</goal>
            </goals>
            <configuration>
              <skip>${r"${skipShade}"}</skip>
              <finalName>${artifactId}</finalName>
              <createDependencyReducedPom>false</createDependencyReducedPom>
              <filters>
                <filter>
                  <artifact>*:*</artifact>
                  <excludes>
                    <exclude>META-INF/*.SF</exclude>
                    <exclude>META-INF/*.DSA</exclude>
                    <exclude>META-INF/*.RSA</exclude>
                  </excludes>
                </filter>
              </filters>
              <transformers>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                  <mainClass>${pkg}.Main</mainClass>
                </transformer>
              </transformers>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
