fn main() -> std::process::ExitCode {
    accolade::main_entry()
}
