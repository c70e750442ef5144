package io.alertflow.recording;

/** Entry point of {@code ./alertflow export}: runs {@link ExportCommand} and exits with its code. */
public final class ExportMain {
    private ExportMain() {
    }

    public static void main(String[] args) {
        int code = ExportCommand.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
