package dev.shop.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class ProductRepository implements PanacheRepository<Product> {

    /** Products read as plain values (no entities to track): the pages shoppers see. */
    private static final String VIEWS = "select new dev.shop.catalog.domain.ProductView(p.id, p.sku, p.name,"
            + " p.description, p.price, c.slug, p.stock) from Product p join p.category c";

    public Optional<ProductView> findView(long id) {
        return getEntityManager().createQuery(VIEWS + " where p.id = :id", ProductView.class)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }

    public boolean skuTaken(String sku, Long exceptProductId) {
        return count("sku = ?1 and id <> ?2", sku, exceptProductId == null ? -1L : exceptProductId) > 0;
    }

    /** One page of products matching the query, and how many match in all. */
    public List<ProductView> search(ProductQuery query) {
        Criteria where = Criteria.of(query);
        TypedQuery<ProductView> select = getEntityManager().createQuery(
                VIEWS + where.clause() + " order by " + query.sort().orderBy(), ProductView.class);
        where.parameters().map().forEach(select::setParameter);
        return select.setFirstResult(query.page().offset()).setMaxResults(query.page().size()).getResultList();
    }

    public long countMatching(ProductQuery query) {
        Criteria where = Criteria.of(query);
        return find("select count(p) from Product p join p.category c" + where.clause(), where.parameters())
                .project(Long.class)
                .singleResult();
    }

    /**
     * The products with these ids, locked until the transaction ends. Locks are always taken in id
     * order, so two transactions locking overlapping sets cannot deadlock.
     */
    public List<Product> lockInIdOrder(Collection<Long> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private record Criteria(String clause, Parameters parameters) {
        static Criteria of(ProductQuery query) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (query.categorySlug() != null) {
                conditions.add("c.slug = :category");
                parameters.and("category", query.categorySlug());
            }
            if (query.text() != null) {
                conditions.add("(lower(p.name) like :text escape '\\' or lower(p.description) like :text escape '\\')");
                parameters.and("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
            }
            return new Criteria(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }

        private static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
