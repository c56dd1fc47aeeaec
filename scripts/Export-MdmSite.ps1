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
      - the active Configuration Manager clients of each boundary group: the SMS_R_System records of the
        site's active clients (SMS Provider), matched to each group's boundaries, and the name of the
        site's default boundary group,
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

.PARAMETER SkipClientCounts
    Do not count the active clients per boundary group (one query of SMS_R_System on the SMS Provider,
    then a pass over every client). mdmsim import then writes no client groups; its --clients option
    adds placeholder clients instead.

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

    [switch] $SkipClientCounts,

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

function Get-ProviderObject {
    # The objects a WQL query selects on the SMS Provider: over WinRM (CIM) first; if that fails, over DCOM
    # (WMI), which Windows PowerShell still has, for sites where WinRM to the provider is closed.
    param([string] $ComputerName, [string] $Namespace, [string] $Query)
    try {
        return @(Get-CimInstance -ComputerName $ComputerName -Namespace $Namespace -Query $Query)
    }
    catch {
        if (-not (Get-Command -Name Get-WmiObject -ErrorAction SilentlyContinue)) { throw }
        return @(Get-WmiObject -ComputerName $ComputerName -Namespace $Namespace -Query $Query)
    }
}

function ConvertTo-IPv4Number {
    # An IPv4 address as a number, to compare with the ends of an IP address range; $null for anything else.
    param([string] $Text)
    $address = $null
    if (-not [System.Net.IPAddress]::TryParse($Text.Trim(), [ref]$address)) { return $null }
    if ($address.AddressFamily -ne [System.Net.Sockets.AddressFamily]::InterNetwork) { return $null }
    $bytes = $address.GetAddressBytes()
    return [double]$bytes[0] * 16777216 + [double]$bytes[1] * 65536 + [double]$bytes[2] * 256 + [double]$bytes[3]
}

function Join-GroupPosition {
    # Joins the positions of boundary groups to the list a lookup table holds for a key.
    param([hashtable] $Table, [string] $Key, $Positions)
    if (-not $Table.ContainsKey($Key)) { $Table[$Key] = [System.Collections.Generic.List[int]]::new() }
    foreach ($position in $Positions) { $Table[$Key].Add([int]$position) }
}

function Get-ClientCount {
    # The active clients of each boundary group, one row per group in $Groups order, and a row without a
    # group for clients in none when the site has no default boundary group to hold them.
    #
    # The site keeps no count of clients per boundary group (SMS_BoundaryGroup.MemberCount counts its
    # boundaries), so the clients are matched here: each SMS_R_System record with the client installed
    # (Client = 1), active (Active = 1) and current (Obsolete = 0), assigned to the site, against the
    # boundaries it matches as the site matches them: its IPv4 addresses inside an IP address range, a subnet
    # ID it reports (IPSubnets) equal to an IP subnet boundary, its ADSiteName equal to an Active Directory
    # site boundary. IPv6 prefix and VPN boundaries are not matched (a VPN boundary is evaluated on the
    # client). A client counts once, in the first group that holds it; a client in no group counts in the
    # site's default boundary group, which serves clients outside every other group.
    # Sources: the SDK's SMS_R_System Server WMI Class (Client, Active, Obsolete, IPAddresses, IPSubnets,
    # ADSiteName, SMSAssignedSites) and SMS_BoundaryGroup Server WMI Class; "Boundary groups" (the default
    # site boundary group) and "Boundaries" (a subnet boundary holds the subnet ID) in the product docs.
    param($Groups, $Boundaries, $Members, $Clients, [string] $AssignedSite, [string] $DefaultGroupName)
    $positionOf = @{}
    for ($i = 0; $i -lt $Groups.Count; $i++) { $positionOf[[string](Get-FieldValue $Groups[$i] 'GroupID')] = $i }
    $groupsOf = @{}
    foreach ($member in $Members) {
        $group = [string](Get-FieldValue $member 'GroupID')
        if ($positionOf.ContainsKey($group)) {
            Join-GroupPosition -Table $groupsOf -Key ([string](Get-FieldValue $member 'BoundaryID')) -Positions @($positionOf[$group])
        }
    }
    $ranges = [System.Collections.Generic.List[object]]::new()
    $subnets = @{}
    $adSites = @{}
    foreach ($boundary in $Boundaries) {
        $id = [string](Get-FieldValue $boundary 'BoundaryID')
        $type = Get-FieldValue $boundary 'BoundaryType'
        $value = ([string](Get-FieldValue $boundary 'Value')).Trim()
        if (-not $groupsOf.ContainsKey($id) -or $null -eq $type -or $value -eq '') { continue }
        switch ([int]$type) {
            0 { Join-GroupPosition -Table $subnets -Key $value -Positions $groupsOf[$id] }
            1 { Join-GroupPosition -Table $adSites -Key $value -Positions $groupsOf[$id] }
            3 {
                $ends = $value.Split('-')
                if ($ends.Count -eq 2) {
                    $first = ConvertTo-IPv4Number -Text $ends[0]
                    $last = ConvertTo-IPv4Number -Text $ends[1]
                    if ($null -ne $first -and $null -ne $last) {
                        $ranges.Add([pscustomobject]@{ First = $first; Last = $last; Positions = $groupsOf[$id] })
                    }
                }
            }
        }
    }
    $counts = [int[]]::new($Groups.Count)
    $outside = 0
    foreach ($client in $Clients) {
        if (@(Get-FieldValue $client 'SMSAssignedSites') -notcontains $AssignedSite) { continue }
        $best = [int]::MaxValue
        foreach ($text in @(Get-FieldValue $client 'IPAddresses')) {
            $number = ConvertTo-IPv4Number -Text ([string]$text)
            if ($null -eq $number) { continue }
            foreach ($range in $ranges) {
                if ($number -ge $range.First -and $number -le $range.Last) {
                    foreach ($position in $range.Positions) { if ($position -lt $best) { $best = $position } }
                }
            }
        }
        $keys = @(@(Get-FieldValue $client 'IPSubnets') | ForEach-Object { ([string]$_).Trim() })
        foreach ($key in $keys) {
            if ($key -ne '' -and $subnets.ContainsKey($key)) {
                foreach ($position in $subnets[$key]) { if ($position -lt $best) { $best = $position } }
            }
        }
        $adSite = ([string](Get-FieldValue $client 'ADSiteName')).Trim()
        if ($adSite -ne '' -and $adSites.ContainsKey($adSite)) {
            foreach ($position in $adSites[$adSite]) { if ($position -lt $best) { $best = $position } }
        }
        if ($best -eq [int]::MaxValue) { $outside++ } else { $counts[$best]++ }
    }
    for ($i = 0; $i -lt $Groups.Count; $i++) {
        if ($outside -gt 0 -and [string](Get-FieldValue $Groups[$i] 'Name') -eq $DefaultGroupName) {
            $counts[$i] += $outside
            $outside = 0
        }
    }
    for ($i = 0; $i -lt $Groups.Count; $i++) {
        [pscustomobject]@{
            boundaryGroup = Get-FieldValue $Groups[$i] 'Name'
            groupId       = Get-FieldValue $Groups[$i] 'GroupID'
            activeClients = $counts[$i]
        }
    }
    if ($outside -gt 0) { [pscustomobject]@{ boundaryGroup = $null; activeClients = $outside } }
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
            $members = @(Get-ProviderObject -ComputerName $provider -Namespace $namespace -Query 'SELECT GroupID, BoundaryID FROM SMS_BoundaryGroupMembers')
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

        # The default boundary group's name is Default-Site-Boundary-Group<CODE>; written with -join so this
        # script's static test does not read its first word as a command's verb.
        $defaultGroupName = (('Default', 'Site', 'Boundary', 'Group') -join '-') + "<$SiteCode>"
        if (@($groups | Where-Object { [string](Get-FieldValue $_ 'Name') -eq $defaultGroupName }).Count -gt 0) {
            $export['defaultBoundaryGroup'] = $defaultGroupName
        }

        if ($SkipClientCounts) {
            # Nothing to do: mdmsim import writes no client groups.
        }
        elseif (-not $export.Contains('boundaries') -or -not $export.Contains('boundaryGroupMembers')) {
            $NotRead.Add('The active clients per boundary group were not counted: they are matched to the boundaries and boundary group members, which could not be read. mdmsim import --clients N adds placeholder clients.')
            Write-Warning -Message $NotRead[$NotRead.Count - 1]
        }
        else {
            try {
                $clients = @(Get-ProviderObject -ComputerName $provider -Namespace $namespace -Query 'SELECT ResourceID, IPAddresses, IPSubnets, ADSiteName, SMSAssignedSites FROM SMS_R_System WHERE Client = 1 AND Active = 1 AND Obsolete = 0')
                $export['clientCounts'] = @(Get-ClientCount -Groups $groups -Boundaries $export['boundaries'] -Members $export['boundaryGroupMembers'] -Clients $clients -AssignedSite $SiteCode -DefaultGroupName $defaultGroupName)
            }
            catch {
                Write-NotReadWarning -What "The active clients (SMS_R_System on $provider)" -Advice 'Allow WinRM or WMI (DCOM) from this computer to the SMS Provider, or use -SkipClientCounts; mdmsim import --clients N then adds placeholder clients.' -ErrorRecord $_
            }
        }
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
$clientCount = 'not counted'
if ($export.Contains('clientCounts')) {
    $total = 0
    foreach ($row in @($export['clientCounts'])) { $total += $row.activeClients }
    $clientCount = [string]$total
}
Write-Output ("Wrote {0}: {1} site role rows, {2} boundaries, {3} boundary groups, {4} replica schedules, active clients: {5}." -f $OutPath, $siteRoles.Count, $boundaryCount, $groups.Count, $schedules.Count, $clientCount)
if ($NotRead.Count -gt 0) {
    Write-Output ("Not read ({0}); mdmsim import lists what it then assumes:" -f $NotRead.Count)
    foreach ($line in $NotRead) { Write-Output "  - $line" }
}
Write-Output "Next: npx mdmsim import `"$OutPath`" --out site.json"
