package io.alertflow.whatif;

/** Entry point of {@code ./alertflow what-if}: runs {@link WhatIfCommand} and exits with its code. */
public final class WhatIfMain {
    private WhatIfMain() {
    }

    public static void main(String[] args) {
        int code = WhatIfCommand.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
