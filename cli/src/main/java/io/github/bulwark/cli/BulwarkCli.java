package io.github.bulwark.cli;

import io.github.bulwark.core.engine.BulwarkVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bulwark} command line: {@code scan}, {@code baseline}, {@code rules}, {@code --help},
 * {@code --version}. Exit codes: 0 clean, 1 findings at or above the threshold, 2 bad usage or an
 * unreadable path, 3 an internal error.
 */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = BulwarkCli.Version.class,
    description = "Static security checker for Java sources.",
    subcommands = {ScanCommand.class, BaselineCommand.class, RulesCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above the fail threshold",
      "1:findings at or above the fail threshold",
      "2:bad usage, bad option value or unreadable path",
      "3:internal error"
    })
public final class BulwarkCli implements Runnable {

  static final int EXIT_CLEAN = 0;
  static final int EXIT_FINDINGS = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: use 'scan PATH...' or 'rules'");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new BulwarkCli())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(BulwarkCli::usageError)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("bulwark: internal error: " + e);
          e.printStackTrace(cmd.getErr());
          return EXIT_INTERNAL;
        });
    return commandLine.execute(args);
  }

  /** One line saying what is wrong, then a hint; exit 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("bulwark: " + e.getMessage());
    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    return EXIT_USAGE;
  }

  /** Reads the version the build stamped into checker-core. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bulwark " + BulwarkVersion.get()};
    }
  }
}
