public class IdleAgent {
    public static void main(String[] args) throws Exception {
        // Load what the agent loads (picocli, Jackson, the modules) and then sleep like a daemon between scans.
        Class.forName("io.tenantra.agent.AgentMain");
        Class.forName("tools.jackson.databind.json.JsonMapper");
        io.tenantra.agent.modules.ModuleRegistry.standard();
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
