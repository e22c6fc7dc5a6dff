"""Entry script PyInstaller freezes into `edureturns-cli` (the console tool)."""

from desktop.cli import main

if __name__ == "__main__":  # a spawned worker process (package import) imports this module without running it
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app starts its worker processes through this executable
    raise SystemExit(main())
