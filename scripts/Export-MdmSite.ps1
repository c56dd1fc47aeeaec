<#
.SYNOPSIS
    Exports a Configuration Manager site's servers, roles, boundaries and boundary groups to one JSON file
    that "mdmsim import" turns into a scenario.

.DESCRIPTION
    Run this script on a computer where the Configuration Manager console is installed, as an
    administrative user who can read the site (the Read-only Analyst role is enough). It imports the
    ConfigurationManager module, opens the site drive and reads:

      - the site (Get-CMSite),
      - every role of every site system (Get-CMSiteRole -AllSite),
      - the boundaries (Get-CMBoundary) and boundary groups (Get-CMBoundaryGroup),
      - the boundary group members (the SMS_BoundaryGroupMembers class on the SMS Provider),
      - the site systems of each boundary group (Get-CMBoundaryGroupSiteSystem),
      - for each management point that reads a database replica, the replication job's schedule, from
        msdb on the replica's SQL Server (when that server can be reached).

    It writes one UTF-8 JSON file in the mdmsim-site-export/1 format and lists, as warnings, what it
    could not read. It changes nothing: it only reads the site and SQL Server, and writes the one file.

.PARAMETER SiteCode
    The three-character code of the site to export, for example PS1. The site drive of that name must
    exist after the ConfigurationManager module is loaded (it does once the console has connected to the
    site from this computer).

.PARAMETER OutFile
    The JSON file to write. Default: site-export.json in the current folder.

.PARAMETER SkipReplicaSchedules
    Do not connect to the replicas' SQL Servers. mdmsim then assumes the documented 5-minute schedule
    and says so.

.PARAMETER SqlTimeoutSeconds
    How long to wait for each replica's SQL Server to answer (1 to 300 seconds, default 15).

.EXAMPLE
    .\Export-MdmSite.ps1 -SiteCode PS1
    Writes site-export.json in the current folder. Then, anywhere with Node.js:
    npx mdmsim import site-export.json --out site.json

.EXAMPLE
    .\Export-MdmSite.ps1 -SiteCode PS1 -OutFile C:\Temp\ps1-export.json -SkipReplicaSchedules

.NOTES
    Works on Windows PowerShell 5.1 and later. Property names and values are written as the provider
    returns them; mdmsim reads them without regard to case and ignores what it does not use.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [ValidatePattern('^[A-Za-z0-9]{3}$')]
    [string] $SiteCode,

    [ValidateNotNullOrEmpty()]
    [string] $OutFile = 'site-export.json',

    [switch] $SkipReplicaSchedules,

    [ValidateRange(1, 300)]
    [int] $SqlTimeoutSeconds = 15
)

Set-StrictMode -Version Latest
# Every failure stops the step it happens in; each step below decides whether it is fatal or a warning.
$ErrorActionPreference = 'Stop'

$ExportFormat = 'mdmsim-site-export/1'
$SiteCode = $SiteCode.ToUpperInvariant()
# Resolve the output path now: once the site drive is the current location, a relative path would point into it.
$OutPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
$NotRead = [System.Collections.Generic.List[string]]::new()

function Get-FieldValue {
    # A property of a provider object, or $null when it has none (StrictMode makes a missing one an error).
    param($InputObject, [string] $Name)
    if ($null -eq $InputObject) { return $null }
    try { return $InputObject.$Name } catch { return $null }
}

function Write-NotReadWarning {
    param([string] $What, [string] $Advice, $ErrorRecord)
    $message = "$What could not be read: $($ErrorRecord.Exception.Message) $Advice"
    $NotRead.Add($message)
    Write-Warning -Message $message
}

function ConvertTo-SiteRoleRecord {
    # One SMS_SCI_SysResUse row with the fields mdmsim reads; Props keeps every embedded property.
    param($Row)
    $props = @(foreach ($p in @(Get-FieldValue $Row 'Props')) {
            if ($null -ne $p) {
                [pscustomobject]@{
                    PropertyName = Get-FieldValue $p 'PropertyName'
                    Value        = Get-FieldValue $p 'Value'
                    Value1       = Get-FieldValue $p 'Value1'
                    Value2       = Get-FieldValue $p 'Value2'
                }
            }
        })
    [pscustomobject]@{
        RoleName      = Get-FieldValue $Row 'RoleName'
        SiteCode      = Get-FieldValue $Row 'SiteCode'
        NetworkOSPath = Get-FieldValue $Row 'NetworkOSPath'
        NALPath       = Get-FieldValue $Row 'NALPath'
        NALType       = Get-FieldValue $Row 'NALType'
        SslState      = Get-FieldValue $Row 'SslState'
        Type          = Get-FieldValue $Row 'Type'
        Props         = $props
    }
}

function ConvertTo-Record {
    # A provider object reduced to the named properties (provider objects do not serialize cleanly).
    param($InputObject, [string[]] $Property)
    $record = [ordered]@{}
    foreach ($name in $Property) { $record[$name] = Get-FieldValue $InputObject $name }
    [pscustomobject]$record
}

function Get-EmbeddedText {
    # Value1 or Value2 of an embedded property, whichever is filled (scripts and sites differ).
    param($Record, [string] $PropertyName)
    foreach ($p in @($Record.Props)) {
        if ($p.PropertyName -ceq $PropertyName) {
            foreach ($text in @($p.Value1, $p.Value2)) {
                if (-not [string]::IsNullOrWhiteSpace([string]$text)) { return ([string]$text).Trim() }
            }
        }
    }
    return $null
}

function Get-ReplicaSchedule {
    # The Distribution Agent job of the ConfigMgr_MPReplica pull subscription, read from msdb on the
    # replica's SQL Server (the subscriber). Returns the interval in minutes, or $null when there is no job.
    param([string] $SqlServer, [string] $DatabaseName)
    $instance = $SqlServer
    $database = $DatabaseName
    if ($DatabaseName -match '^(?<instance>[^\\]+)\\(?<database>.+)$') {
        $instance = "$SqlServer\$($Matches['instance'])"
        $database = $Matches['database']
    }
    $builder = [System.Data.SqlClient.SqlConnectionStringBuilder]::new()
    $builder['Data Source'] = $instance
    $builder['Initial Catalog'] = 'msdb'
    $builder['Integrated Security'] = $true
    $builder['Connect Timeout'] = $SqlTimeoutSeconds
    $builder['Application Name'] = 'mdmsim site export (read-only)'
    $builder['ApplicationIntent'] = 'ReadOnly'
    $connection = [System.Data.SqlClient.SqlConnection]::new($builder.ConnectionString)
    try {
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandTimeout = $SqlTimeoutSeconds
        $command.CommandText = @'
SELECT TOP (1) s.freq_type, s.freq_subday_type, s.freq_subday_interval
FROM msdb.dbo.sysjobs AS j
JOIN msdb.dbo.syscategories AS c ON c.category_id = j.category_id
JOIN msdb.dbo.sysjobschedules AS js ON js.job_id = j.job_id
JOIN msdb.dbo.sysschedules AS s ON s.schedule_id = js.schedule_id
WHERE c.name = N'REPL-Distribution'
  AND j.name LIKE N'%-ConfigMgr[_]MPReplica-%'
  AND j.name LIKE N'%-' + @database + N'-%'
  AND s.enabled = 1
ORDER BY j.name
'@
        [void]$command.Parameters.AddWithValue('@database', $database)
        $reader = $command.ExecuteReader()
        try {
            if (-not $reader.Read()) { return $null }
            $subdayType = [int]$reader['freq_subday_type']
            $interval = [int]$reader['freq_subday_interval']
            # freq_subday_type: 1 once a day, 2 seconds, 4 minutes, 8 hours.
            switch ($subdayType) {
                2 { return [int][math]::Max(1, [math]::Ceiling($interval / 60)) }
                4 { return $interval }
                8 { return $interval * 60 }
                default { return 1440 }
            }
        }
        finally { $reader.Close() }
    }
    finally { $connection.Close() }
}

# --- The ConfigurationManager module and the site drive -------------------------------------------------
if (-not (Get-Module -Name ConfigurationManager)) {
    if ([string]::IsNullOrEmpty($env:SMS_ADMIN_UI_PATH)) {
        throw 'The Configuration Manager console is not installed on this computer (SMS_ADMIN_UI_PATH is not set). Run this script where the console is installed.'
    }
    $modulePath = Join-Path -Path (Split-Path -Path $env:SMS_ADMIN_UI_PATH -Parent) -ChildPath 'ConfigurationManager.psd1'
    try {
        Import-Module -Name $modulePath
    }
    catch {
        throw "The ConfigurationManager module could not be loaded from $($modulePath): $($_.Exception.Message) Repair or reinstall the console, then run the script again."
    }
}
$drive = Get-PSDrive -Name $SiteCode -PSProvider CMSite -ErrorAction SilentlyContinue
if ($null -eq $drive) {
    throw "There is no site drive $($SiteCode): on this computer. Open the Configuration Manager console, connect it to site $SiteCode, then run the script again."
}
$provider = [string]$drive.Root

Push-Location -Path "$($SiteCode):\"
try {
    # --- The site and its roles: without them there is nothing to import ---------------------------------
    $siteType = $null
    try {
        $site = Get-CMSite -SiteCode $SiteCode
        switch ([int](Get-FieldValue $site 'Type')) {
            1 { $siteType = 'secondary' }
            2 { $siteType = 'primary' }
        }
    }
    catch {
        Write-NotReadWarning -What "The site (Get-CMSite -SiteCode $SiteCode)" -Advice 'mdmsim assumes a primary site.' -ErrorRecord $_
    }

    try {
        $siteRoles = @(Get-CMSiteRole -AllSite | ForEach-Object { ConvertTo-SiteRoleRecord -Row $_ })
    }
    catch {
        throw "The site roles could not be read (Get-CMSiteRole -AllSite): $($_.Exception.Message) Run the script as a Configuration Manager administrative user with at least the Read-only Analyst role."
    }

    # --- Boundaries and boundary groups: a warning each, the rest of the export still useful --------------
    $export = [ordered]@{ format = $ExportFormat; siteCode = $SiteCode }
    if ($null -ne $siteType) { $export['siteType'] = $siteType }
    $export['siteRoles'] = $siteRoles

    try {
        $export['boundaries'] = @(Get-CMBoundary | ForEach-Object {
                ConvertTo-Record -InputObject $_ -Property BoundaryID, BoundaryType, DisplayName, Value, DefaultSiteCode, GroupCount
            })
    }
    catch {
        Write-NotReadWarning -What 'The boundaries (Get-CMBoundary)' -Advice 'The scenario will have no boundaries; add them by hand.' -ErrorRecord $_
    }

    $groups = @()
    try {
        $groups = @(Get-CMBoundaryGroup)
        $export['boundaryGroups'] = @($groups | ForEach-Object {
                ConvertTo-Record -InputObject $_ -Property GroupID, Name, Description, DefaultSiteCode, MemberCount, SiteSystemCount, Shared
            })
    }
    catch {
        Write-NotReadWarning -What 'The boundary groups (Get-CMBoundaryGroup)' -Advice 'The scenario will have no boundary groups; add them by hand.' -ErrorRecord $_
    }

    if ($groups.Count -gt 0) {
        $namespace = "root\SMS\site_$SiteCode"
        try {
            try {
                $members = @(Get-CimInstance -ComputerName $provider -Namespace $namespace -ClassName SMS_BoundaryGroupMembers)
            }
            catch {
                # WinRM may be closed to the provider; DCOM (Windows PowerShell only) may still be open.
                if (-not (Get-Command -Name Get-WmiObject -ErrorAction SilentlyContinue)) { throw }
                $members = @(Get-WmiObject -ComputerName $provider -Namespace $namespace -Class SMS_BoundaryGroupMembers)
            }
            $export['boundaryGroupMembers'] = @($members | ForEach-Object { ConvertTo-Record -InputObject $_ -Property GroupID, BoundaryID })
        }
        catch {
            Write-NotReadWarning -What "The boundary group members (SMS_BoundaryGroupMembers on $provider)" -Advice 'Allow WinRM or WMI (DCOM) from this computer to the SMS Provider, or add each group''s boundaries to the scenario by hand.' -ErrorRecord $_
        }

        $systems = [System.Collections.Generic.List[object]]::new()
        foreach ($group in $groups) {
            $groupId = Get-FieldValue $group 'GroupID'
            try {
                foreach ($system in @(Get-CMBoundaryGroupSiteSystem -Id ([string]$groupId))) {
                    $systems.Add((ConvertTo-Record -InputObject $system -Property GroupID, ServerNALPath, SiteCode, Flags))
                }
            }
            catch {
                Write-NotReadWarning -What "The site systems of boundary group $groupId (Get-CMBoundaryGroupSiteSystem)" -Advice 'Add its servers to the scenario by hand.' -ErrorRecord $_
            }
        }
        $export['boundaryGroupSiteSystems'] = $systems.ToArray()
    }
}
finally {
    Pop-Location
}

# --- Replica schedules, from each replica's SQL Server ------------------------------------------------------
$schedules = [System.Collections.Generic.List[object]]::new()
if (-not $SkipReplicaSchedules) {
    $seen = @{}
    foreach ($role in $siteRoles) {
        if ($role.RoleName -ne 'SMS Management Point' -or $role.SiteCode -ne $SiteCode) { continue }
        $useSite = @($role.Props | Where-Object { $_.PropertyName -ceq 'UseSiteDatabase' })
        if ($useSite.Count -eq 0 -or $null -eq $useSite[0].Value -or [int]$useSite[0].Value -ne 0) { continue }
        $sqlServer = Get-EmbeddedText -Record $role -PropertyName 'SQLServerName'
        $database = Get-EmbeddedText -Record $role -PropertyName 'DatabaseName'
        if ($null -eq $sqlServer -or $null -eq $database) { continue }
        $key = "$sqlServer|$database".ToLowerInvariant()
        if ($seen.ContainsKey($key)) { continue }
        $seen[$key] = $true
        try {
            $minutes = Get-ReplicaSchedule -SqlServer $sqlServer -DatabaseName $database
            if ($null -eq $minutes) {
                $NotRead.Add("The replica $sqlServer/$database has no enabled ConfigMgr_MPReplica distribution job in msdb: mdmsim assumes 5 minutes.")
                Write-Warning -Message $NotRead[$NotRead.Count - 1]
            }
            else {
                $schedules.Add([pscustomobject]@{ server = $sqlServer; database = $database; intervalMinutes = $minutes })
            }
        }
        catch {
            Write-NotReadWarning -What "The replication schedule of $sqlServer/$database" -Advice 'Run the script where SQL Server is reachable with an account that can read msdb, or use -SkipReplicaSchedules; mdmsim then assumes 5 minutes.' -ErrorRecord $_
        }
    }
}
$export['replicaSchedules'] = $schedules.ToArray()

# --- One file, UTF-8 without a byte order mark ---------------------------------------------------------------
$json = ConvertTo-Json -InputObject ([pscustomobject]$export) -Depth 6
try {
    [System.IO.File]::WriteAllText($OutPath, $json, [System.Text.UTF8Encoding]::new($false))
}
catch {
    throw "The export could not be written to $($OutPath): $($_.Exception.Message) Choose another -OutFile."
}

$boundaryCount = 0
if ($export.Contains('boundaries')) { $boundaryCount = @($export['boundaries']).Count }
Write-Output ("Wrote {0}: {1} site role rows, {2} boundaries, {3} boundary groups, {4} replica schedules." -f $OutPath, $siteRoles.Count, $boundaryCount, $groups.Count, $schedules.Count)
if ($NotRead.Count -gt 0) {
    Write-Output ("Not read ({0}); mdmsim import lists what it then assumes:" -f $NotRead.Count)
    foreach ($line in $NotRead) { Write-Output "  - $line" }
}
Write-Output "Next: npx mdmsim import `"$OutPath`" --out site.json"
