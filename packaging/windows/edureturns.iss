; Inno Setup 6 script: per-user install of the one-folder bundle built by packaging\build.ps1.
; Build on Windows: "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\edureturns.iss
; No admin rights: everything goes under %LOCALAPPDATA%\Programs and HKCU.
; The user's data folder (%LOCALAPPDATA%\EduReturns, databases and backups) is never touched on uninstall.
; Saved as UTF-8 with a byte-order mark: without it ISCC reads the Chinese names in the
; build machine's ANSI code page.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "EduReturns 教育数据填报"
#define BundleDir "..\..\dist\EduReturns"

[Setup]
AppId={{6D3C1F0A-5B7E-4C55-9A8E-2F1E0B6E7A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=EduReturns
DefaultDirName={localappdata}\Programs\EduReturns
DefaultGroupName=EduReturns
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=EduReturns-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\edureturns.ico
UninstallDisplayIcon={app}\edureturns.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; Stock Inno Setup 6 has no Simplified Chinese file: the project carries its own, beside this script.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\edureturns.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\edureturns-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\EduReturns 教育数据填报"; Filename: "{app}\edureturns.exe"
Name: "{group}\卸载 EduReturns"; Filename: "{uninstallexe}"
Name: "{autodesktop}\EduReturns 教育数据填报"; Filename: "{app}\edureturns.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a package (.erp) opens the app's import preview.
Root: HKCU; Subkey: "Software\Classes\.erp"; ValueType: string; ValueName: ""; ValueData: "EduReturns.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\EduReturns.Package"; ValueType: string; ValueName: ""; ValueData: "EduReturns 上报数据包"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\EduReturns.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\edureturns.exe,0"
Root: HKCU; Subkey: "Software\Classes\EduReturns.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\edureturns.exe"" --import ""%1"""

[Run]
Filename: "{app}\edureturns.exe"; Description: "{cm:LaunchProgram,EduReturns}"; Flags: nowait postinstall skipifsilent
