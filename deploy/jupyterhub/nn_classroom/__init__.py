"""The workbook's pieces for a JupyterHub classroom (deploy/jupyterhub/README.md).

spawner:      WorkbookSpawner, the hub's spawner (learner's copy, memory limit, SIGTERM stop)
learner_copy: each learner's own ~/nn-workbook, made on first login and never overwritten
cgroups:      a per-learner memory limit (cgroup v2 or v1) that also finds every process left behind
ports:        RangeKernelManager, kernel ports from the learner's own range (no two kernels share one)
"""
