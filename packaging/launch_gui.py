"""Entry script PyInstaller freezes into `edureturns` (the windowed GUI)."""

from desktop.app import main

if __name__ == "__main__":  # a spawned worker process (package import) imports this module without running it
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app starts its worker processes through this executable
    raise SystemExit(main())
