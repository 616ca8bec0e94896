// EXERCISE: bestRow
int bestRow(Table table) {
    int best = 0;
    for (int i = 1; i < table.rowCount(); i++) {
        double accuracy = table.doubleColumn("validation accuracy").get(i);
        double bestAccuracy = table.doubleColumn("validation accuracy").get(best);
        boolean faster = table.doubleColumn("seconds").get(i) < table.doubleColumn("seconds").get(best);
        if (accuracy > bestAccuracy || accuracy == bestAccuracy && faster) best = i;   // ties: the cheaper one
    }
    return best;
}
