# Build the one-folder Windows bundle dist\EduReturns\ from a clean virtual environment,
# then (if Inno Setup is installed) the per-user installer dist\EduReturns-Setup-<version>.exe.
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = Join-Path $Root "build\pkg-venv"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
py -3.11 -m venv $Venv
& "$Venv\Scripts\python.exe" -m pip install --upgrade pip
& "$Venv\Scripts\python.exe" -m pip install ".[postgres]" pyinstaller
& "$Venv\Scripts\python.exe" packaging\make_icons.py
& "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\edureturns.spec
$Version = & "$Venv\Scripts\python.exe" -c "from importlib.metadata import version; print(version('edureturns'))"
$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (Test-Path $Iscc) {
    & $Iscc "/DAppVersion=$Version" packaging\windows\edureturns.iss
} else {
    Write-Host "Inno Setup 6 not found: the bundle is in dist\EduReturns; install Inno Setup to build the setup file."
}
