package dev.conveyor.frontend.console;

import java.util.List;

/** Who the console acts as: the key's name, the tenant it sees and the roles that decide which buttons show. */
record ConsoleSession(String name, String tenant, List<String> roles) {
}
