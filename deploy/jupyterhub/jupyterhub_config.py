# JupyterHub configuration for a classroom on one server (deploy/jupyterhub/README.md).
# Start it as root (it starts each learner's server as that learner):
#   /opt/nn-workbook/venv/bin/jupyterhub -f /opt/nn-workbook/jupyterhub_config.py
# Every setting a teacher may change is an environment variable read here (defaults in brackets).
import os

home = os.environ.get("NN_WORKBOOK_HOME", "/opt/nn-workbook")      # what install.py made
state = os.environ.get("NN_HUB_STATE", os.path.join(home, "state"))  # the hub's database and secrets (root only)

# --- Network: the hub listens on NN_HUB_IP:NN_HUB_PORT [127.0.0.1:8000]; learners' servers on 127.0.0.1 -------
# Put it behind TLS (a reverse proxy such as nginx or Caddy) before opening it beyond the machine.
c.JupyterHub.bind_url = "http://{}:{}".format(os.environ.get("NN_HUB_IP", "127.0.0.1"),
                                              os.environ.get("NN_HUB_PORT", "8000"))
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{}".format(os.environ.get("NN_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{}".format(os.environ.get("NN_PROXY_API_PORT", "8001"))
c.ConfigurableHTTPProxy.command = [os.path.join(home, "node", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True            # a hub that stops stops every learner's server (and kernels)

# --- Learners: local accounts, password login (PAM) ----------------------------------------------------------
# NN_LEARNERS: a file with one user name a line [<home>/learners.txt]; NN_TEACHERS: admins, comma-separated.
learners = os.environ.get("NN_LEARNERS", os.path.join(home, "learners.txt"))
if os.path.isfile(learners):
    with open(learners) as f:
        c.Authenticator.allowed_users = {line.strip() for line in f if line.strip() and not line.startswith("#")}
c.Authenticator.admin_users = {n.strip() for n in os.environ.get("NN_TEACHERS", "").split(",") if n.strip()}
c.Authenticator.allow_existing_users = True    # learners a teacher adds in the admin page may log in

# --- Each learner's server ------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "nn_classroom.spawner.WorkbookSpawner"
c.WorkbookSpawner.share = os.path.join(home, "share")
c.Spawner.cmd = [os.path.join(home, "venv", "bin", "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~/nn-workbook"
c.Spawner.default_url = "/lab/tree/notebooks/00-welcome.ipynb"
# Memory per learner [1.5G]: the learner's server and all their kernels together, enforced by a cgroup
# (nn_classroom.cgroups). Measured (README): the server about 150 MB; a kernel running lesson 05 about 290 MB,
# lesson 06 (Fashion-MNIST) about 810 MB at its peak (the kernel's heap may grow to 1 GB and is given back after).
# 1.5G holds lesson 06 and another lesson at once; above it the learner's kernel is stopped, not the machine.
c.Spawner.mem_limit = os.environ.get("NN_MEM_LIMIT", "1.5G")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# Kernels idle for NN_KERNEL_IDLE seconds [1800] are shut down by the learner's server (memory back).
idle = os.environ.get("NN_KERNEL_IDLE", "1800")
c.Spawner.args = [f"--MappingKernelManager.cull_idle_timeout={idle}", "--MappingKernelManager.cull_interval=120",
                  "--MappingKernelManager.cull_connected=False"]
# Server extensions learners do not need: the classic notebook UI and the language server (no Java one here);
# nbgrader's too unless NN_NBGRADER=1 (set it while a course hands out assignments through the Assignments tab).
# Measured: a learner's server 119 MB PSS with nbgrader's extensions loaded, 75 MB without.
off = ["notebook", "jupyter_lsp"]
if os.environ.get("NN_NBGRADER") != "1":
    off += ["nbgrader.server_extensions." + e for e in ("formgrader", "course_list", "assignment_list",
                                                         "validate_assignment")]
c.Spawner.args.append("--ServerApp.jpserver_extensions=" + repr({name: False for name in off}))

# --- A service with an API token (make classroom uses it to create learners and run lessons) ---------------------
if os.environ.get("NN_CLASSROOM_TOKEN"):
    c.JupyterHub.services = [{"name": "classroom", "api_token": os.environ["NN_CLASSROOM_TOKEN"]}]
    c.JupyterHub.load_roles = [{"name": "classroom", "services": ["classroom"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                           "read:users", "list:users"]}]
